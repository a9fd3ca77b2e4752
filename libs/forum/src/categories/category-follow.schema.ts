import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { SchemaTypes, Types } from 'mongoose';

/** A member follows a category: its new threads come in their digest. Unique per (category, member). */
@Schema({ collection: 'forum_category_follows', timestamps: { createdAt: true, updatedAt: false } })
export class CategoryFollow {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  categoryId!: Types.ObjectId;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  userId!: Types.ObjectId;
}

export const CategoryFollowSchema = SchemaFactory.createForClass(CategoryFollow);
CategoryFollowSchema.index({ categoryId: 1, userId: 1 }, { unique: true });
CategoryFollowSchema.index({ userId: 1, categoryId: 1 });
