import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiError } from '@plenary/core';

/** A rule that turns passwords off for some addresses: what to sign in with instead, or null. */
export interface PasswordSignInRule {
  signInInsteadWith(email: string): Promise<string | null>;
}

/**
 * Whether an address may use a password here. Single sign-on turns passwords off for the email
 * domains of an organisation that signs in through its own provider (sso/ registers that rule);
 * password sign-in, registration and password reset ask here first.
 */
@Injectable()
export class PasswordSignInPolicy {
  private readonly rules: PasswordSignInRule[] = [];

  register(rule: PasswordSignInRule): void {
    this.rules.push(rule);
  }

  /** The name of the sign-in to use instead of a password (an identity provider's), or null when a password may be used. */
  async signInInsteadWith(email: string): Promise<string | null> {
    for (const rule of this.rules) {
      const instead = await rule.signInInsteadWith(email);
      if (instead) return instead;
    }
    return null;
  }

  async allows(email: string): Promise<boolean> {
    return (await this.signInInsteadWith(email)) === null;
  }

  /** 403 `use_sso` ("Sign in with …") when the address may not use a password; `field` names the input that carried it. */
  async assertAllows(email: string, field?: string): Promise<void> {
    const instead = await this.signInInsteadWith(email);
    if (!instead) return;
    const details = field ? [{ field, problem: `signs in with ${instead}, not with a password` }] : [];
    throw new ApiError(HttpStatus.FORBIDDEN, `Sign in with ${instead}`, details, {}, 'use_sso');
  }
}
