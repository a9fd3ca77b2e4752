import { Injectable, type OnModuleInit } from '@nestjs/common';
import { GroupDeleted } from '@plenary/community';
import { DomainEvents } from '@plenary/core';
import { ThreadUpdated } from '@plenary/forum';
import { type AccountParticipant, AccountParticipants } from '@plenary/identity';
import { FlagsRepository } from './flags/flags.repository.js';

/**
 * Moderation's part in the forum's, the community's and accounts' lives: a moved thread takes its
 * flags' scope along, a deleted group's flags go with its content, and a member's flags are part
 * of their data export. Flags and audit entries stay when their author's account is deleted (they
 * show "deleted member"), as posts do: they are the record of what moderators decided.
 */
@Injectable()
export class ModerationCommunity implements AccountParticipant, OnModuleInit {
  readonly section = 'moderation';

  constructor(
    private readonly events: DomainEvents,
    private readonly participants: AccountParticipants,
    private readonly flags: FlagsRepository,
  ) {}

  onModuleInit(): void {
    this.participants.register(this);
    this.events.subscribe(
      ThreadUpdated,
      ModerationCommunity.name,
      async ({ threadId, groupId, previousCategoryId }) => {
        if (previousCategoryId !== undefined) await this.flags.moveThread(threadId, groupId);
      },
    );
    this.events.subscribe(GroupDeleted, ModerationCommunity.name, ({ groupId }) => this.flags.deleteInGroup(groupId));
  }

  async exportData(userId: string): Promise<unknown> {
    return {
      flags: (await this.flags.byReporter(userId)).map((flag) => ({
        id: flag.id,
        postId: flag.targetId,
        reason: flag.reason,
        note: flag.note,
        status: flag.status,
        createdAt: flag.createdAt,
      })),
    };
  }
}
