import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '@plenary/identity';
import { GroupCreationPolicyDto } from './dto/group-creation.dto.js';
import { type GroupCreationPolicy, GroupCreationPolicyService } from './group-creation-policy.service.js';
import { GROUP_CREATION_POLICY } from './group-kinds.js';

@ApiTags('settings')
@Authenticated()
@Controller('settings')
export class GroupCreationPolicyController {
  constructor(private readonly groupCreation: GroupCreationPolicyService) {}

  @Get('group-creation')
  @ApiOkResponse({ type: GroupCreationPolicyDto, description: 'the least platform role that may create each type' })
  getGroupCreation(): Promise<GroupCreationPolicy> {
    return this.groupCreation.get();
  }

  @Patch('group-creation')
  @Authenticated({ permission: ['update', GROUP_CREATION_POLICY] })
  @ApiOkResponse({ type: GroupCreationPolicyDto })
  updateGroupCreation(@Body() changes: GroupCreationPolicyDto): Promise<GroupCreationPolicy> {
    return this.groupCreation.update(changes);
  }
}
