import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { Strategy } from 'passport-local';
import { AppPassport } from '../access/app-passport.js';
import { AuthService } from './auth.service.js';

/** Email and password at sign-in, checked by AuthService (throttled, timing-safe). */
@Injectable()
export class LocalStrategy extends Strategy {
  constructor(auth: AuthService, passport: AppPassport) {
    super(
      { usernameField: 'email', passwordField: 'password', passReqToCallback: true },
      (request: Request, email: string, password: string, done: (error: unknown, user?: Express.User) => void) => {
        auth.verifyCredentials(email, password, request.ip ?? 'unknown').then(
          (user) => done(null, user),
          (error: unknown) => done(error),
        );
      },
    );
    passport.use('local', this);
  }
}
