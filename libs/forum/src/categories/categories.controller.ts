import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ObjectIdPipe } from '@plenary/core';
import { Authenticated, Caller, CurrentUser, type Principal } from '@plenary/identity';
import { CategoriesService } from './categories.service.js';
import {
  CategoryList,
  CategoryListQuery,
  CategoryView,
  CreateCategoryDto,
  UpdateCategoryDto,
} from './dto/category.dto.js';

@ApiTags('forum')
@Authenticated()
@Controller('categories')
export class CategoriesController {
  constructor(private readonly categories: CategoriesService) {}

  @Get()
  @Authenticated({ optional: true })
  @ApiOkResponse({ type: CategoryList })
  list(@Caller() caller: Principal | null, @Query() query: CategoryListQuery): Promise<CategoryList> {
    return this.categories.list(caller, query);
  }

  @Post()
  @ApiCreatedResponse({ type: CategoryView })
  create(@CurrentUser() principal: Principal, @Body() dto: CreateCategoryDto): Promise<CategoryView> {
    return this.categories.create(principal, dto);
  }

  @Get(':id')
  @Authenticated({ optional: true })
  @ApiOkResponse({ type: CategoryView })
  get(@Caller() caller: Principal | null, @Param('id', ObjectIdPipe) id: string): Promise<CategoryView> {
    return this.categories.get(caller, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: CategoryView })
  update(
    @CurrentUser() principal: Principal,
    @Param('id', ObjectIdPipe) id: string,
    @Body() dto: UpdateCategoryDto,
  ): Promise<CategoryView> {
    return this.categories.update(principal, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'only an empty category' })
  async delete(@CurrentUser() principal: Principal, @Param('id', ObjectIdPipe) id: string): Promise<void> {
    await this.categories.delete(principal, id);
  }

  @Put(':id/follow')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'idempotent; 404 for a category the caller may not read' })
  async follow(@CurrentUser() principal: Principal, @Param('id', ObjectIdPipe) id: string): Promise<void> {
    await this.categories.follow(principal, id, true);
  }

  @Delete(':id/follow')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'idempotent' })
  async unfollow(@CurrentUser() principal: Principal, @Param('id', ObjectIdPipe) id: string): Promise<void> {
    await this.categories.follow(principal, id, false);
  }
}
