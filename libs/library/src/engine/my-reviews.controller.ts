import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser, type Principal } from '@plenary/identity';
import { MyReviewPage, MyReviewsQuery } from './dto/engine.dto.js';
import { ReviewsService } from './reviews.service.js';

@ApiTags('library')
@Authenticated()
@Controller('reviews')
export class MyReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  @Get('mine')
  @ApiOkResponse({ type: MyReviewPage, description: "the caller's assignments, resources and initiatives alike" })
  mine(@CurrentUser() principal: Principal, @Query() query: MyReviewsQuery): Promise<MyReviewPage> {
    return this.reviews.mine(principal, query);
  }
}
