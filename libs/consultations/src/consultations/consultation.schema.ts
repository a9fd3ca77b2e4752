import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { PlainRecord } from '@plenary/database';
import { SchemaTypes, Types } from 'mongoose';
import { CONSULTATION_AUDIENCES, type ConsultationAudience } from '../model/consultation-kinds.js';

/** One section of the draft: what members comment on. Its id is set when the consultation is created. */
@Schema({ _id: false, versionKey: false })
export class ConsultationSection {
  @Prop({ type: SchemaTypes.ObjectId, required: true })
  _id!: Types.ObjectId;

  @Prop({ type: String, required: true })
  title!: string;

  /** Markdown. */
  @Prop({ type: String, required: true })
  text!: string;

  /** The text rendered and sanitized. */
  @Prop({ type: String, required: true })
  html!: string;
}

export const ConsultationSectionSchema = SchemaFactory.createForClass(ConsultationSection);

/**
 * A draft document opened for inputs until `closesAt`, split into sections (at most 50: they stay
 * inside the document). Its comments and their endorsements are documents of their own.
 */
@Schema({ collection: 'consultations', timestamps: true })
export class Consultation {
  @Prop({ type: String, required: true })
  title!: string;

  /** The introduction, Markdown; may be empty. */
  @Prop({ type: String, default: '' })
  body!: string;

  @Prop({ type: String, default: '' })
  html!: string;

  @Prop({ type: Date, required: true })
  closesAt!: Date;

  @Prop({ type: SchemaTypes.ObjectId, default: null })
  groupId!: Types.ObjectId | null;

  @Prop({ type: String, required: true, enum: CONSULTATION_AUDIENCES })
  audience!: ConsultationAudience;

  @Prop({ type: SchemaTypes.ObjectId, required: true })
  ownerId!: Types.ObjectId;

  @Prop({ type: [ConsultationSectionSchema], default: [] })
  sections!: ConsultationSection[];

  createdAt!: Date;
  updatedAt!: Date;
}

export type ConsultationRecord = PlainRecord<Consultation>;
export interface NewSection {
  title: string;
  text: string;
  html: string;
}
export type NewConsultation = Pick<Consultation, 'title' | 'body' | 'html' | 'closesAt' | 'audience'> & {
  groupId: string | null;
  ownerId: string;
  sections: NewSection[];
};
export type ConsultationChanges = Partial<Pick<Consultation, 'title' | 'body' | 'html' | 'closesAt'>>;

export const ConsultationSchema = SchemaFactory.createForClass(Consultation);
// The list: by deadline, filtered by audience or by group (the access rules' two kinds of condition).
ConsultationSchema.index({ audience: 1, closesAt: 1, _id: 1 });
ConsultationSchema.index({ groupId: 1, closesAt: 1, _id: 1 });
ConsultationSchema.index({ ownerId: 1 });
