import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { ApiError, createValidationPipe } from '@plenary/core';
import type { Request, Response } from 'express';
import { AppPassport } from '../access/app-passport.js';
import type { UserRecord } from '../users/user.schema.js';
import { LoginDto } from './dto/auth.dto.js';

/** Guards run before pipes, so the login body is validated here, before passport-local sees it. */
@Injectable()
export class LocalAuthGuard implements CanActivate {
  private readonly validation = createValidationPipe();

  constructor(private readonly passport: AppPassport) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request & { user?: UserRecord }>();
    request.body = await this.validation.transform(request.body, { type: 'body', metatype: LoginDto });
    const { user } = await this.passport.authenticate<UserRecord>('local', request, http.getResponse<Response>());
    if (!user) throw ApiError.unauthorized('Email or password is incorrect');
    request.user = user;
    return true;
  }
}
