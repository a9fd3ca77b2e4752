import { applyDecorators } from '@nestjs/common';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';

/** The rules of a password a member chooses, wherever one is chosen (registering, a reset). */
export const NewPasswordRules = () =>
  applyDecorators(
    IsString(),
    MinLength(10, { message: 'must be at least 10 characters long' }),
    MaxLength(200),
    Matches(/^(?=.*\p{L})(?=.*[^\p{L}]).*$/su, { message: 'must contain a letter and a digit or symbol' }),
  );

/** A password a member types to prove who they are: any they may have chosen. */
export const PasswordRules = () => applyDecorators(IsString(), MinLength(1), MaxLength(200));
