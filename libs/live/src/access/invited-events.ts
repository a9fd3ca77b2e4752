/**
 * The live events a member accepted an invitation to by email, which they may see whatever their
 * audience. Provided by events/ (its invitations' repository): access/ comes before it.
 */
export abstract class InvitedEvents {
  abstract acceptedEventsOf(userId: string): Promise<string[]>;
}
