import { Injectable } from '@nestjs/common';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppPassport } from '../access/app-passport.js';
import { JwtKeys } from '../tokens/jwt-keys.js';
import { TokenService } from '../tokens/token.service.js';
import type { AccessClaims } from './principal.js';

/** Access tokens on HTTP requests: signed with the access key, the account looked up afresh. */
@Injectable()
export class JwtStrategy extends Strategy {
  constructor(keys: JwtKeys, tokens: TokenService, passport: AppPassport) {
    super(
      {
        jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
        secretOrKey: keys.access,
        algorithms: ['HS256'],
        ignoreExpiration: false,
      },
      (claims: AccessClaims, done: (error: unknown, principal?: unknown) => void) => {
        tokens.principalFor(claims).then(
          (principal) => done(null, principal),
          (error: unknown) => done(error),
        );
      },
    );
    passport.use('jwt', this);
  }
}
