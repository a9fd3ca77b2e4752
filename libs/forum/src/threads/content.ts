import { Injectable } from '@nestjs/common';
import { renderMarkdown, searchTerms } from '@plenary/core';
import { ProfilesService } from '@plenary/community';
import { linkMentions, mentionedIds } from '../text/mentions.js';
import type { PostContent } from './posts.repository.js';

/** A post's Markdown made ready to store: rendered and sanitized, mentions resolved, search terms. */
@Injectable()
export class PostContentMaker {
  constructor(private readonly profiles: ProfilesService) {}

  async make(body: string): Promise<PostContent> {
    const names = await this.profiles.authorNames(mentionedIds(body));
    const members = new Map(
      [...names].filter(([, name]) => name.id !== null).map(([id, name]) => [id, name.displayName]),
    );
    return {
      body,
      html: renderMarkdown(linkMentions(body, members)),
      mentions: [...members.keys()],
      terms: searchTerms([body]),
    };
  }
}
