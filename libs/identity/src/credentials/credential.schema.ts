import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { SchemaTypes, Types } from 'mongoose';

/** A password hash, kept apart from the user so no user query can ever carry it. */
@Schema({ collection: 'credentials', timestamps: true })
export class Credential {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ type: String, required: true })
  passwordHash!: string;
}

export const CredentialSchema = SchemaFactory.createForClass(Credential);
CredentialSchema.index({ userId: 1 }, { unique: true });
