import { Injectable, type OnModuleInit, UseFilters, UsePipes } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { GroupMembershipEnded, GroupVisibilityChanged } from '@plenary/community';
import { ApiError, createValidationPipe, DomainEvents } from '@plenary/core';
import { AllowUnverified, Authenticated } from '@plenary/identity';
import { type Ack, ok, type PlenarySocket, room, WsAckFilter } from '@plenary/realtime';
import { IsMongoId } from 'class-validator';
import type { RemoteSocket, Server } from 'socket.io';
import type { ForumCaller } from '../access/forum-abilities.js';
import { ForumAbilities } from '../access/forum-abilities.js';
import { CategoriesService } from '../categories/categories.service.js';
import {
  PostCreated,
  PostDeleted,
  PostUpdated,
  ThreadCreated,
  ThreadUpdated,
  type ThreadUpdate,
} from '../threads/forum.events.js';
import { PostsRepository } from '../threads/posts.repository.js';
import { ThreadsService } from '../threads/threads.service.js';
import { ThreadsRepository } from '../threads/threads.repository.js';
import { ForumViews } from '../threads/views.js';
import { categoryRoom, type ForumServerEvents, groupAudienceRoom, threadRoom } from './forum-events.js';

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

type RoomMember = Pick<RemoteSocket<ForumServerEvents, PlenarySocket['data']>, 'data' | 'rooms' | 'join' | 'leave'>;

/**
 * Thread and category rooms. A socket joins one only if its user may read the thread or category
 * now; events go out after the change is stored (on the forum's domain events). Whenever who may
 * read changes (a member leaves or is removed from a group, a group turns private, a thread moves,
 * is hidden or deleted), the sockets concerned are checked again, on every instance, and leave the
 * rooms they may no longer read before the next event is sent.
 */
@Injectable()
@WebSocketGateway()
@Authenticated()
@AllowUnverified()
@UsePipes(createValidationPipe())
@UseFilters(new WsAckFilter())
export class ForumGateway implements OnModuleInit {
  @WebSocketServer()
  private readonly server?: Server<
    Record<string, never>,
    ForumServerEvents,
    Record<string, never>,
    PlenarySocket['data']
  >;

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
    this.events.subscribe(GroupMembershipEnded, name, async ({ userId }) =>
      this.recheck(await this.socketsIn(room.user(userId))),
    );
    this.events.subscribe(GroupVisibilityChanged, name, async ({ groupId }) =>
      this.recheck(await this.socketsIn(groupAudienceRoom(groupId))),
    );
  }

  @SubscribeMessage('thread:join')
  async joinThread(
    @ConnectedSocket() socket: PlenarySocket,
    @MessageBody() dto: ThreadRoomDto,
  ): Promise<Ack<ThreadRoomDto>> {
    const thread = await this.threads.open(await this.abilities.of(socket.data.user), dto.threadId.toLowerCase());
    await socket.join(this.roomsOf(threadRoom(thread.id), thread.groupId));
    return ok({ threadId: thread.id });
  }

  @SubscribeMessage('thread:leave')
  async leaveThread(
    @ConnectedSocket() socket: PlenarySocket,
    @MessageBody() dto: ThreadRoomDto,
  ): Promise<Ack<ThreadRoomDto>> {
    await socket.leave(threadRoom(dto.threadId.toLowerCase()));
    return ok({ threadId: dto.threadId.toLowerCase() });
  }

  @SubscribeMessage('category:join')
  async joinCategory(
    @ConnectedSocket() socket: PlenarySocket,
    @MessageBody() dto: CategoryRoomDto,
  ): Promise<Ack<CategoryRoomDto>> {
    const category = await this.categories.open(
      await this.abilities.of(socket.data.user),
      dto.categoryId.toLowerCase(),
    );
    await socket.join(this.roomsOf(categoryRoom(category.id), category.groupId));
    return ok({ categoryId: category.id });
  }

  @SubscribeMessage('category:leave')
  async leaveCategory(
    @ConnectedSocket() socket: PlenarySocket,
    @MessageBody() dto: CategoryRoomDto,
  ): Promise<Ack<CategoryRoomDto>> {
    await socket.leave(categoryRoom(dto.categoryId.toLowerCase()));
    return ok({ categoryId: dto.categoryId.toLowerCase() });
  }

  /** The room, and its group's audience room: how the sockets to check again find each other. */
  private roomsOf(name: string, groupId: string | null): string[] {
    return groupId ? [name, groupAudienceRoom(groupId)] : [name];
  }

  private async socketsIn(name: string): Promise<RoomMember[]> {
    return this.server ? this.server.in(name).fetchSockets() : [];
  }

  /** Each socket leaves the thread and category rooms its user may no longer read. */
  private async recheck(sockets: RoomMember[]): Promise<void> {
    const callers = new Map<string, ForumCaller>();
    for (const socket of sockets) {
      const user = socket.data.user;
      const caller = callers.get(user.id) ?? (await this.abilities.of(user));
      callers.set(user.id, caller);
      for (const name of socket.rooms) {
        if (!(await this.mayRead(caller, name))) await socket.leave(name);
      }
    }
  }

  private async mayRead(caller: ForumCaller, name: string): Promise<boolean> {
    const threadId = threadRoom.idOf(name);
    const categoryId = categoryRoom.idOf(name);
    try {
      if (threadId) await this.threads.open(caller, threadId);
      if (categoryId) await this.categories.open(caller, categoryId);
      return true;
    } catch (error) {
      if (error instanceof ApiError && [403, 404].includes(error.getStatus())) return false;
      throw error;
    }
  }

  private async sendPost(postId: string, event: 'post:created' | 'post:updated'): Promise<void> {
    const post = await this.posts.findById(postId);
    if (post) this.emit(threadRoom(post.threadId), event, { post: await this.views.publicPost(post) });
  }

  private async sendThread(place: ThreadUpdate, event: 'thread:created' | 'thread:updated'): Promise<void> {
    const thread = await this.threadsRepository.findById(place.threadId);
    if (!thread) return;
    if (place.audienceChanged) {
      await this.recheck(await this.socketsIn(threadRoom(thread.id)));
      if (thread.groupId) this.server?.in(threadRoom(thread.id)).socketsJoin(groupAudienceRoom(thread.groupId));
    }
    const [view] = await this.views.threads(await this.abilities.of(null), [thread]);
    if (event === 'thread:updated') this.emit(threadRoom(thread.id), event, { thread: view });
    if (thread.status === 'visible') this.emit(categoryRoom(thread.categoryId), event, { thread: view });
    else if (place.audienceChanged) {
      this.emit(categoryRoom(thread.categoryId), 'thread:removed', {
        threadId: thread.id,
        categoryId: thread.categoryId,
      });
    }
    if (place.previousCategoryId) {
      const categoryId = place.previousCategoryId;
      this.emit(categoryRoom(categoryId), 'thread:removed', { threadId: thread.id, categoryId });
    }
  }

  private emit<E extends keyof ForumServerEvents>(
    rooms: string | string[],
    event: E,
    ...payload: Parameters<ForumServerEvents[E]>
  ): void {
    this.server?.to(rooms).emit(event, ...payload);
  }
}
