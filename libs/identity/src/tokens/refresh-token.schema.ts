import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { SchemaTypes, Types } from 'mongoose';

/**
 * One refresh token, stored as a hash. Every login starts a family; each refresh rotates to a new
 * token of the same family. Presenting a token that was already rotated revokes the whole family.
 * `predecessor` is the hash of the token this one replaced (`family:<id>` for a family's first):
 * unique, so that of two rotations of one token, on any instance and any server, only one stores
 * its successor; the other learns the token was used twice.
 */
@Schema({ collection: 'refresh_tokens', timestamps: { createdAt: true, updatedAt: false } })
export class RefreshToken {
  @Prop({ type: String, required: true })
  tokenHash!: string;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Prop({ type: String, required: true })
  familyId!: string;

  @Prop({ type: String, required: true })
  predecessor!: string;

  @Prop({ type: Date, required: true })
  expiresAt!: Date;

  @Prop({ type: Date, default: null })
  rotatedAt!: Date | null;

  @Prop({ type: Date, default: null })
  revokedAt!: Date | null;

  createdAt!: Date;
}

export const RefreshTokenSchema = SchemaFactory.createForClass(RefreshToken);
RefreshTokenSchema.index({ tokenHash: 1 }, { unique: true });
RefreshTokenSchema.index({ predecessor: 1 }, { unique: true });
RefreshTokenSchema.index({ familyId: 1 });
RefreshTokenSchema.index({ userId: 1 });
