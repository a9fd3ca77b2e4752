import { Controller, Get, Query } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser, type Principal } from '@plenary/identity';
import { AuditService } from './audit.service.js';
import { AuditPage, AuditQuery } from './dto/audit.dto.js';

/** Read-only: the audit log has no route that changes or deletes an entry. */
@ApiTags('moderation')
@Authenticated()
@Controller('moderation/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOkResponse({ type: AuditPage, description: 'newest first' })
  @ApiForbiddenResponse({ description: 'the caller moderates nothing' })
  list(@CurrentUser() principal: Principal, @Query() query: AuditQuery): Promise<AuditPage> {
    return this.audit.list(principal, query);
  }
}
