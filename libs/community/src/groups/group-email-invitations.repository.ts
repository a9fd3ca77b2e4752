import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { EmailInvitationsRepository, type IssuedEmailInvitation } from './email-invitations.repository.js';
import { GroupEmailInvitation } from './group-email-invitation.schema.js';

export interface IssuedGroupInvitation extends IssuedEmailInvitation {
  groupId: string;
}

@Injectable()
export class GroupEmailInvitationsRepository extends EmailInvitationsRepository<
  GroupEmailInvitation,
  IssuedGroupInvitation
> {
  constructor(@InjectModel(GroupEmailInvitation.name) model: Model<GroupEmailInvitation>) {
    super(model, 'groupId');
  }
}
