import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { Optional } from '@omnibox/platform';
import { ListQuery } from '../common/pagination';

/** `?q=` of every search; its rules (length, emoji counting, phrase, e-mail, numbers) are the search service's. */
export class SearchQuery extends ListQuery {
  @ApiPropertyOptional({ description: 'What to look for. Messages and comments: at least 3 characters (an emoji counts as one).' })
  @Optional()
  @IsString()
  @MaxLength(1000)
  q?: string;
}

export class SearchMessagesQuery extends SearchQuery {
  @ApiPropertyOptional({ enum: ['messages', 'comments'], description: 'Only messages or only comments; both when absent.' })
  @Optional()
  @IsIn(['messages', 'comments'], { message: 'scope must be messages or comments' })
  scope?: 'messages' | 'comments';
}
