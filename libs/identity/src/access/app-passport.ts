import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Passport, type Strategy } from 'passport';

/**
 * This app's own passport. Strategies registered on passport's process-wide instance (as
 * @nestjs/passport registers them) belong to whichever app the process started last: with two
 * instances side by side in one process, as multi-instance tests run them, the first would check
 * tokens with the second's keys and database.
 */
@Injectable()
export class AppPassport {
  private readonly passport = new Passport();

  use(name: string, strategy: Strategy): void {
    this.passport.use(name, strategy);
  }

  /** Runs the strategy on the request: the user it vouches for, or false and passport's reason. */
  authenticate<User>(
    name: string,
    request: Request,
    response: Response,
  ): Promise<{ user: User | false; info: unknown }> {
    return new Promise((resolve, reject) => {
      const handler = this.passport.authenticate(
        name,
        { session: false },
        (error: unknown, user: User | false, info: unknown) => (error ? reject(error) : resolve({ user, info })),
      ) as (request: Request, response: Response, next: (error?: unknown) => void) => void;
      handler(request, response, reject);
    });
  }
}
