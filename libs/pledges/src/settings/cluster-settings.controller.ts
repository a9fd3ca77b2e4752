import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated, Public } from '@plenary/identity';
import { PLEDGE_CLUSTERS } from '../model/pledge-kinds.js';
import { ClusterSettingsService } from './cluster-settings.service.js';
import { ClusterListDto, ClusterListView } from './dto/clusters.dto.js';

@ApiTags('settings')
@Controller('settings/pledge-clusters')
export class ClusterSettingsController {
  constructor(private readonly settings: ClusterSettingsService) {}

  @Get()
  @Public()
  @ApiOkResponse({ type: ClusterListView, description: 'the pledge clusters, in order, labelled in en, fr and es' })
  get(): Promise<ClusterListView> {
    return this.settings.get();
  }

  @Put()
  @Authenticated({ permission: ['update', PLEDGE_CLUSTERS] })
  @ApiOkResponse({
    type: ClusterListView,
    description: 'replaces the list (admins); 409 when it drops a cluster in use',
  })
  replace(@Body() dto: ClusterListDto): Promise<ClusterListView> {
    return this.settings.replace(dto);
  }
}
