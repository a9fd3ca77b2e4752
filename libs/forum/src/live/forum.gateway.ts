import { Injectable, type OnModuleInit, UseFilters, UsePipes } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { GroupMembershipEnded } from '@plenary/community';
import { createValidationPipe, DomainEvents } from '@plenary/core';
import { Authenticated } from '@plenary/identity';
import { type Ack, ok, type PlenarySocket, room, WsAckFilter } from '@plenary/realtime';
import { IsMongoId } from 'class-validator';
import type { Server } from 'socket.io';
import { ForumAbilities } from '../access/forum-abilities.js';
import { CategoriesService } from '../categories/categories.service.js';
import {
  PostCreated,
  PostDeleted,
  PostUpdated,
  type ThreadPlace,
  ThreadCreated,
  ThreadUpdated,
} from '../threads/forum.events.js';
import { PostsRepository } from '../threads/posts.repository.js';
import { ThreadsService } from '../threads/threads.service.js';
import { ThreadsRepository } from '../threads/threads.repository.js';
import { ForumViews } from '../threads/views.js';
import { categoryRoom, type ForumServerEvents, threadRoom } from './forum-events.js';

const ID = { message: 'must be a 24-character hex id' };

export class ThreadRoomDto {
  @ApiProperty()
  @IsMongoId(ID)
  threadId!: string;
}

export class CategoryRoomDto {
  @ApiProperty()
  @IsMongoId(ID)
  categoryId!: string;
}

/** Which group (or none) each forum room a socket joined belongs to, so that leaving a group leaves its rooms. */
interface ForumSocketData {
  forumRooms?: Record<string, string | null>;
}

type ForumSocket = PlenarySocket & { data: ForumSocketData };

/**
 * Thread and category rooms. A socket joins one only if its user may read the thread or category
 * now; events go out after the change is stored (on the forum's domain events); a member who
 * leaves or is removed from a group leaves its rooms at once, on every instance.
 */
@Injectable()
@WebSocketGateway()
@Authenticated()
@UsePipes(createValidationPipe())
@UseFilters(new WsAckFilter())
export class ForumGateway implements OnModuleInit {
  @WebSocketServer()
  private readonly server?: Server;

  constructor(
    private readonly abilities: ForumAbilities,
    private readonly threads: ThreadsService,
    private readonly categories: CategoriesService,
    private readonly threadsRepository: ThreadsRepository,
    private readonly posts: PostsRepository,
    private readonly views: ForumViews,
    private readonly events: DomainEvents,
  ) {}

  onModuleInit(): void {
    const name = ForumGateway.name;
    this.events.subscribe(PostCreated, name, ({ postId }) => this.sendPost(postId, 'post:created'));
    this.events.subscribe(PostUpdated, name, ({ postId }) => this.sendPost(postId, 'post:updated'));
    this.events.subscribe(PostDeleted, name, ({ postId, threadId }) =>
      this.emit(threadRoom(threadId), 'post:deleted', { postId, threadId }),
    );
    this.events.subscribe(ThreadCreated, name, (place) => this.sendThread(place, 'thread:created'));
    this.events.subscribe(ThreadUpdated, name, (place) => this.sendThread(place, 'thread:updated'));
    this.events.subscribe(GroupMembershipEnded, name, ({ groupId, userId }) => this.leaveGroupRooms(userId, groupId));
  }

  @SubscribeMessage('thread:join')
  async joinThread(
    @ConnectedSocket() socket: ForumSocket,
    @MessageBody() dto: ThreadRoomDto,
  ): Promise<Ack<ThreadRoomDto>> {
    const thread = await this.threads.open(await this.abilities.of(socket.data.user), dto.threadId.toLowerCase());
    await this.join(socket, threadRoom(thread.id), thread.groupId);
    return ok({ threadId: thread.id });
  }

  @SubscribeMessage('thread:leave')
  async leaveThread(
    @ConnectedSocket() socket: ForumSocket,
    @MessageBody() dto: ThreadRoomDto,
  ): Promise<Ack<ThreadRoomDto>> {
    await this.leave(socket, threadRoom(dto.threadId.toLowerCase()));
    return ok({ threadId: dto.threadId.toLowerCase() });
  }

  @SubscribeMessage('category:join')
  async joinCategory(
    @ConnectedSocket() socket: ForumSocket,
    @MessageBody() dto: CategoryRoomDto,
  ): Promise<Ack<CategoryRoomDto>> {
    const category = await this.categories.open(
      await this.abilities.of(socket.data.user),
      dto.categoryId.toLowerCase(),
    );
    await this.join(socket, categoryRoom(category.id), category.groupId);
    return ok({ categoryId: category.id });
  }

  @SubscribeMessage('category:leave')
  async leaveCategory(
    @ConnectedSocket() socket: ForumSocket,
    @MessageBody() dto: CategoryRoomDto,
  ): Promise<Ack<CategoryRoomDto>> {
    await this.leave(socket, categoryRoom(dto.categoryId.toLowerCase()));
    return ok({ categoryId: dto.categoryId.toLowerCase() });
  }

  private async join(socket: ForumSocket, name: string, groupId: string | null): Promise<void> {
    socket.data.forumRooms = { ...socket.data.forumRooms, [name]: groupId };
    await socket.join(name);
  }

  private async leave(socket: ForumSocket, name: string): Promise<void> {
    const { [name]: _left, ...rest } = socket.data.forumRooms ?? {};
    socket.data.forumRooms = rest;
    await socket.leave(name);
  }

  private async leaveGroupRooms(userId: string, groupId: string): Promise<void> {
    if (!this.server) return;
    for (const socket of await this.server.in(room.user(userId)).fetchSockets()) {
      const rooms = (socket.data as ForumSocketData).forumRooms ?? {};
      for (const [name, roomGroup] of Object.entries(rooms)) if (roomGroup === groupId) socket.leave(name);
    }
  }

  private async sendPost(postId: string, event: 'post:created' | 'post:updated'): Promise<void> {
    const post = await this.posts.findById(postId);
    if (post) this.emit(threadRoom(post.threadId), event, { post: await this.views.publicPost(post) });
  }

  private async sendThread(
    place: ThreadPlace & { previousCategoryId?: string },
    event: 'thread:created' | 'thread:updated',
  ) {
    const thread = await this.threadsRepository.findById(place.threadId);
    if (!thread) return;
    const [view] = await this.views.threads(await this.abilities.of(null), [thread]);
    const rooms = [categoryRoom(thread.categoryId)];
    if (place.previousCategoryId) rooms.push(categoryRoom(place.previousCategoryId));
    if (event === 'thread:updated') rooms.push(threadRoom(thread.id));
    this.emit(rooms, event, { thread: view });
  }

  private emit<E extends keyof ForumServerEvents>(
    rooms: string | string[],
    event: E,
    payload: Parameters<ForumServerEvents[E]>[0],
  ): void {
    this.server?.to(rooms).emit(event, payload);
  }
}
