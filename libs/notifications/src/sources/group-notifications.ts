import { Injectable, type OnModuleInit } from '@nestjs/common';
import { type GroupMemberActedOn, GroupInvitationSent, GroupRequestApproved, GroupScope } from '@plenary/community';
import { ApiError, DomainEvents } from '@plenary/core';
import { UsersService } from '@plenary/identity';
import type { NotificationKind } from '../model/notification-kinds.js';
import { Notifier } from '../notifications/notifier.js';

/** Invitations and approved requests, to the member concerned, named by the group as they may see it. */
@Injectable()
export class GroupNotifications implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly groups: GroupScope,
    private readonly users: UsersService,
    private readonly notifier: Notifier,
  ) {}

  onModuleInit(): void {
    this.events.subscribe(GroupInvitationSent, GroupNotifications.name, (event) =>
      this.notify('group_invitation', event),
    );
    this.events.subscribe(GroupRequestApproved, GroupNotifications.name, (event) =>
      this.notify('group_request_approved', event),
    );
  }

  async notify(kind: NotificationKind, { groupId, userId, byUserId }: GroupMemberActedOn): Promise<void> {
    const name = await this.groupNameFor(userId, groupId);
    if (name === null) return;
    await this.notifier.notify([{ recipientId: userId, kind, actorId: byUserId, groupId, text: name }]);
  }

  /** Null when the member (or the group) is gone, or they may not see it. */
  private async groupNameFor(userId: string, groupId: string): Promise<string | null> {
    const member = await this.users.principalOf(userId);
    if (!member) return null;
    try {
      return (await this.groups.open(member, groupId)).group.name;
    } catch (error) {
      if (error instanceof ApiError && error.getStatus() === 404) return null;
      throw error;
    }
  }
}
