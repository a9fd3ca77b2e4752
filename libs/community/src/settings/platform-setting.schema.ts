import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** A platform-wide setting changed by admins, stored as one document per key. */
@Schema({ collection: 'platform_settings', timestamps: true })
export class PlatformSetting {
  @Prop({ type: String, required: true })
  key!: string;

  @Prop({ type: Object, required: true })
  value!: Record<string, unknown>;
}

export const PlatformSettingSchema = SchemaFactory.createForClass(PlatformSetting);
PlatformSettingSchema.index({ key: 1 }, { unique: true });
