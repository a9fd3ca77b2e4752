import { domainEvent } from '@plenary/core';

/**
 * A pledge's representative reported progress: published once the update is stored, with the
 * members who follow the pledge (pledges are public, so every follower may read it). The notifications
 * lib tells each follower but the author.
 */
export const PledgeProgressReported = domainEvent<{
  pledgeId: string;
  updateId: string;
  title: string;
  authorId: string;
  followerIds: string[];
}>('pledges.progress-reported');
