import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public } from '@plenary/identity';
import { PledgeDashboard, PledgeExport, PledgeExportQuery } from './dto/dashboard.dto.js';
import { PledgeDashboardService } from './dashboard.service.js';

interface FileResponse {
  setHeader(name: string, value: string): void;
}

/** Registered before PledgesController, so that these paths are not read as a pledge's id. */
@ApiTags('pledges')
@Public()
@Controller('pledges')
export class PledgeDashboardController {
  constructor(private readonly dashboard: PledgeDashboardService) {}

  @Get('dashboard')
  @ApiOkResponse({ type: PledgeDashboard, description: 'totals by status, cluster, objective, region and year' })
  get(): Promise<PledgeDashboard> {
    return this.dashboard.dashboard();
  }

  @Get('export')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: PledgeExport, description: 'every pledge; csv: one row per pledge, as a file' })
  async export(
    @Query() query: PledgeExportQuery,
    @Res({ passthrough: true }) response: FileResponse,
  ): Promise<PledgeExport | string> {
    if (query.format !== 'csv') {
      response.setHeader('Content-Disposition', 'attachment; filename="pledges.json"');
      return this.dashboard.export();
    }
    const csv = await this.dashboard.exportCsv();
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', 'attachment; filename="pledges.csv"');
    return csv;
  }
}
