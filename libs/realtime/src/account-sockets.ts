import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '@plenary/core';
import { AccountDeleted, AccountSignedOutEverywhere, AccountSuspended } from '@plenary/identity';
import { ConnectionGateway } from './connection.gateway.js';

/**
 * Closes a user's sockets, on every instance, when their account stops being usable: suspended,
 * signed out everywhere, or deleted. Reconnecting needs a valid token, which they no longer have.
 */
@Injectable()
export class AccountSockets implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly gateway: ConnectionGateway,
  ) {}

  onModuleInit(): void {
    const disconnect = ({ userId }: { userId: string }) => this.gateway.disconnectUser(userId);
    this.events.subscribe(AccountSuspended, AccountSockets.name, disconnect);
    this.events.subscribe(AccountSignedOutEverywhere, AccountSockets.name, disconnect);
    this.events.subscribe(AccountDeleted, AccountSockets.name, disconnect);
  }
}
