import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { RegisterDto, UsersService } from '@plenary/identity';
import { validate } from 'class-validator';
import { plainToInstance } from 'class-transformer';
import { AppModule } from './app.module.js';
import { loadConfigOrExit, loadEnvFile } from './load-config.js';

const USAGE = `Usage: npm run plenary -- <command> [options]

Commands:
  create-admin --email EMAIL --password PASSWORD [--name DISPLAY_NAME]
      Creates an admin account, or promotes an existing account with that email to admin
      (its password is then left unchanged). The password may also come from ADMIN_PASSWORD.`;

async function main(): Promise<number> {
  loadEnvFile();
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      password: { type: 'string' },
      name: { type: 'string', default: 'Administrator' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals[0] !== 'create-admin') {
    console.log(USAGE);
    return values.help ? 0 : 64;
  }
  const seed = plainToInstance(RegisterDto, {
    email: values.email,
    password: values.password ?? process.env.ADMIN_PASSWORD,
    displayName: values.name,
  });
  const problems = (await validate(seed)).flatMap((error) =>
    Object.values(error.constraints ?? {}).map(
      (problem) => `  --${error.property === 'displayName' ? 'name' : error.property}: ${problem}`,
    ),
  );
  if (problems.length > 0) {
    console.error(`Invalid options:\n${problems.join('\n')}\n\n${USAGE}`);
    return 64;
  }

  const config = loadConfigOrExit();
  const app = await NestFactory.createApplicationContext(AppModule.register(config), { logger: ['error', 'warn'] });
  try {
    const { user, created } = await app
      .get(UsersService)
      .ensureAdmin({ email: seed.email, password: seed.password, displayName: seed.displayName });
    console.log(`${created ? 'Created admin' : 'Promoted to admin'}: ${user.email} (${user.id})`);
    return 0;
  } finally {
    await app.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
