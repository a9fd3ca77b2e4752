import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { PlainRecord } from '@plenary/database';
import { SchemaTypes, Types } from 'mongoose';

/**
 * One mail of a kind sent to an account, numbered: the next number can be stored once only, so
 * two requests at once cannot both spend the last mail of a budget.
 */
@Schema({ collection: 'account_mail_sends' })
export class AccountMailSend {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ type: String, required: true })
  kind!: string;

  @Prop({ type: Number, required: true })
  sequence!: number;

  @Prop({ type: Date, required: true })
  sentAt!: Date;
}

export type AccountMailSendRecord = PlainRecord<AccountMailSend>;

export const AccountMailSendSchema = SchemaFactory.createForClass(AccountMailSend);
AccountMailSendSchema.index({ userId: 1, kind: 1, sequence: -1 }, { unique: true });
