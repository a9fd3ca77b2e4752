import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ObjectIdPipe } from '@plenary/core';
import { Authenticated, Caller, CurrentGuest, CurrentUser, type Guest, type Principal } from '@plenary/identity';
import { LIVE_QUESTION } from '../model/live-kinds.js';
import { QuestionAuthor, QuestionExport, QuestionExportQuery, SessionReport } from './dto/report.dto.js';
import { LiveReportsService, REVEAL_AUTHOR } from './reports.service.js';
import { exportCsv } from './session-report.js';

interface FileResponse {
  setHeader(name: string, value: string): void;
}

@ApiTags('live')
@Authenticated()
@Controller('live')
export class LiveReportsController {
  constructor(private readonly reports: LiveReportsService) {}

  @Get('sessions/:id/questions/export')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    type: QuestionExport,
    description: 'every question with its votes, as a file; for its hosts and moderators, at any time',
  })
  async exportQuestions(
    @CurrentUser() principal: Principal,
    @Param('id', ObjectIdPipe) id: string,
    @Query() query: QuestionExportQuery,
    @Res({ passthrough: true }) response: FileResponse,
  ): Promise<QuestionExport | string> {
    const rows = await this.reports.exportQuestions(principal, id);
    const format = query.format ?? 'json';
    response.setHeader('Content-Disposition', `attachment; filename="questions-${id}.${format}"`);
    if (format === 'json') return { items: rows };
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    return exportCsv(rows);
  }

  @Get('sessions/:id/report')
  @Authenticated({ optional: true, guests: true })
  @ApiOkResponse({ type: SessionReport })
  @ApiForbiddenResponse({ description: 'before the session has ended, to anyone but its hosts and moderators' })
  report(
    @Caller() principal: Principal | null,
    @CurrentGuest() guest: Guest | null,
    @Param('id', ObjectIdPipe) id: string,
  ): Promise<SessionReport> {
    return this.reports.report(principal, guest, id);
  }

  @Get('questions/:id/author')
  @Authenticated({ permission: [REVEAL_AUTHOR, LIVE_QUESTION] })
  @ApiOkResponse({ type: QuestionAuthor, description: 'platform admins only; recorded in the audit log' })
  author(@CurrentUser() principal: Principal, @Param('id', ObjectIdPipe) id: string): Promise<QuestionAuthor> {
    return this.reports.revealAuthor(principal, id);
  }
}
