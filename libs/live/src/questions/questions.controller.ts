import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ObjectIdPipe } from '@plenary/core';
import { Authenticated, Caller, CurrentGuest, type Guest, type Principal } from '@plenary/identity';
import { LiveAbilities } from '../access/live-abilities.js';
import { LiveSessionsService } from '../sessions/sessions.service.js';
import { QuestionList, QuestionListQuery } from './dto/question.dto.js';
import { QuestionsService } from './questions.service.js';

@ApiTags('live')
@Authenticated()
@Controller('live/sessions/:id/questions')
export class QuestionsController {
  constructor(
    private readonly abilities: LiveAbilities,
    private readonly sessions: LiveSessionsService,
    private readonly questions: QuestionsService,
  ) {}

  @Get()
  @Authenticated({ optional: true, guests: true })
  @ApiOkResponse({
    type: QuestionList,
    description: 'by votes (top) or newest first (recent); what the caller may see',
  })
  async list(
    @Caller() principal: Principal | null,
    @CurrentGuest() guest: Guest | null,
    @Param('id', ObjectIdPipe) id: string,
    @Query() query: QuestionListQuery,
  ): Promise<QuestionList> {
    const caller = await this.abilities.of(principal, guest);
    const session = await this.sessions.open(caller, id);
    return { items: (await this.questions.list(caller, session, query)).items };
  }
}
