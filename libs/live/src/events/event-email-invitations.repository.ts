import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { EmailInvitationsRepository, type IssuedEmailInvitation } from '@plenary/community';
import type { Model } from 'mongoose';
import type { InvitedEvents } from '../access/invited-events.js';
import { EventEmailInvitation } from './event-email-invitation.schema.js';

export interface IssuedEventInvitation extends IssuedEmailInvitation {
  eventId: string;
  /** The event's group (null for a platform-wide event). */
  groupId: string | null;
}

@Injectable()
export class EventEmailInvitationsRepository
  extends EmailInvitationsRepository<EventEmailInvitation, IssuedEventInvitation>
  implements InvitedEvents
{
  constructor(@InjectModel(EventEmailInvitation.name) model: Model<EventEmailInvitation>) {
    super(model, 'eventId');
  }

  /** The events whose invitations the user accepted. */
  async acceptedEventsOf(userId: string): Promise<string[]> {
    return (await this.findMany({ acceptedBy: userId })).map((invitation) => invitation.eventId);
  }
}
