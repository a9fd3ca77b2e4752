import { Body, Controller, Get, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ObjectIdPipe } from '@plenary/core';
import { Authenticated, Caller, CurrentUser, type Principal } from '@plenary/identity';
import {
  ConsultationListQuery,
  CreateConsultationDto,
  UpdateConsultationDto,
} from '../consultations/dto/consultation.dto.js';
import { ConsultationViews } from './consultation-views.js';
import {
  ConsultationExport,
  ConsultationList,
  ConsultationView,
  ConsultationExportQuery,
  ConsultationInputsView,
} from './dto/consultation-view.dto.js';
import { exportCsv, InputsService } from './inputs.service.js';

interface FileResponse {
  setHeader(name: string, value: string): void;
}

@ApiTags('consultations')
@Authenticated()
@Controller('consultations')
export class ConsultationsController {
  constructor(
    private readonly consultations: ConsultationViews,
    private readonly inputs: InputsService,
  ) {}

  @Get()
  @Authenticated({ optional: true })
  @ApiOkResponse({ type: ConsultationList, description: 'the consultations the caller may read' })
  list(@Caller() caller: Principal | null, @Query() query: ConsultationListQuery): Promise<ConsultationList> {
    return this.consultations.list(caller, query);
  }

  @Post()
  @ApiCreatedResponse({ type: ConsultationView })
  create(@CurrentUser() principal: Principal, @Body() dto: CreateConsultationDto): Promise<ConsultationView> {
    return this.consultations.create(principal, dto);
  }

  @Get(':id')
  @Authenticated({ optional: true })
  @ApiOkResponse({ type: ConsultationView, description: 'the draft, its sections, their first comments and counts' })
  get(@Caller() caller: Principal | null, @Param('id', ObjectIdPipe) id: string): Promise<ConsultationView> {
    return this.consultations.get(caller, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: ConsultationView })
  update(
    @CurrentUser() principal: Principal,
    @Param('id', ObjectIdPipe) id: string,
    @Body() dto: UpdateConsultationDto,
  ): Promise<ConsultationView> {
    return this.consultations.update(principal, id, dto);
  }

  @Get(':id/inputs')
  @ApiOkResponse({ type: ConsultationInputsView, description: 'its managers, platform moderators and admins' })
  viewInputs(
    @CurrentUser() principal: Principal,
    @Param('id', ObjectIdPipe) id: string,
  ): Promise<ConsultationInputsView> {
    return this.inputs.inputs(principal, id);
  }

  @Get(':id/export')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    type: ConsultationExport,
    description: 'every visible comment by section, as a file; its managers, platform moderators and admins',
  })
  async export(
    @CurrentUser() principal: Principal,
    @Param('id', ObjectIdPipe) id: string,
    @Query() query: ConsultationExportQuery,
    @Res({ passthrough: true }) response: FileResponse,
  ): Promise<ConsultationExport | string> {
    const exported = await this.inputs.export(principal, id);
    const format = query.format ?? 'json';
    response.setHeader('Content-Disposition', `attachment; filename="consultation-${id}.${format}"`);
    if (format === 'json') return exported;
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    return exportCsv(exported);
  }
}
