import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '@plenary/identity';
import { GroupCreationPolicyDto } from './dto/group-creation.dto.js';
import { type GroupCreationPolicy, GroupCreationPolicyService } from './group-creation-policy.service.js';

@ApiTags('settings')
@ApiBearerAuth()
@Controller('settings')
export class SettingsController {
  constructor(private readonly groupCreation: GroupCreationPolicyService) {}

  @Get('group-creation')
  @ApiOkResponse({ type: GroupCreationPolicyDto, description: 'the least platform role that may create each type' })
  getGroupCreation(): Promise<GroupCreationPolicy> {
    return this.groupCreation.get();
  }

  @Patch('group-creation')
  @Roles('admin')
  @ApiOkResponse({ type: GroupCreationPolicyDto })
  updateGroupCreation(@Body() changes: GroupCreationPolicyDto): Promise<GroupCreationPolicy> {
    return this.groupCreation.update(changes);
  }
}
