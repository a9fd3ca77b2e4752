import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { PlainRecord } from '@plenary/database';

/** The access subject of the single sign-on settings: admins only. */
export const SSO_PROVIDER = 'SsoProvider';

/** An OpenID Connect provider members may sign in with (an organisation's Entra ID, Keycloak…). */
@Schema({ collection: 'sso_providers', timestamps: true })
export class SsoProvider {
  /** The admin's slug for it: in the sign-in and callback addresses. */
  @Prop({ type: String, required: true })
  slug!: string;

  /** The label of its sign-in button. */
  @Prop({ type: String, required: true })
  name!: string;

  @Prop({ type: String, required: true })
  issuer!: string;

  @Prop({ type: String, required: true })
  clientId!: string;

  /** Lower-case email domains whose members may sign in with it; empty: any. */
  @Prop({ type: [String], default: [] })
  allowedDomains!: string[];

  /** For community to put on the profile of an account this provider creates. */
  @Prop({ type: String, default: null })
  defaultOrganisation!: string | null;

  @Prop({ type: String, default: null })
  defaultOrganisationType!: string | null;

  /** Members of its allowedDomains sign in with it only, never with a password. */
  @Prop({ type: Boolean, required: true, default: false })
  passwordSignInDisabled!: boolean;

  /** Accepts an email without an email_verified claim (Entra ID sends none): the provider vouches for its addresses. */
  @Prop({ type: Boolean, required: true, default: false })
  trustEmail!: boolean;

  @Prop({ type: Boolean, required: true, default: true })
  enabled!: boolean;

  createdAt!: Date;
  updatedAt!: Date;
}

export type SsoProviderRecord = PlainRecord<SsoProvider>;

export const SsoProviderSchema = SchemaFactory.createForClass(SsoProvider);
SsoProviderSchema.index({ slug: 1 }, { unique: true });
SsoProviderSchema.index({ enabled: 1, slug: 1 });
SsoProviderSchema.index({ allowedDomains: 1 });

/** A provider's client secret, kept apart from it (as passwords are) so no provider query can carry it. */
@Schema({ collection: 'sso_provider_secrets', timestamps: true })
export class SsoProviderSecret {
  @Prop({ type: String, required: true })
  providerSlug!: string;

  @Prop({ type: String, required: true })
  clientSecret!: string;
}

export const SsoProviderSecretSchema = SchemaFactory.createForClass(SsoProviderSecret);
SsoProviderSecretSchema.index({ providerSlug: 1 }, { unique: true });
