import { pipeline } from 'node:stream/promises';
import { Controller, Get, Headers, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiHeader, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AppError, getLogger } from '@omnibox/platform';
import type { Request, Response } from 'express';
import { CurrentPrincipal, Principal } from '../auth/principal';
import { ApiAnswer, ApiErrors } from '../openapi/responses';
import { AttachmentsGateway } from './attachments.gateway';
import { Attachment } from './attachments.schemas';

/** API.md "Attachments" (MSG-10): uploads, the record with a signed URL, and the bytes. */
@ApiTags('attachments')
@ApiBearerAuth()
@Controller('v1/attachments')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsGateway) {}

  @Post()
  @ApiAnswer(201, Attachment)
  @ApiErrors(413, 415)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  upload(@CurrentPrincipal() principal: Principal, @Req() req: Request) {
    return this.attachments.upload(principal, req);
  }

  @Get(':id')
  @ApiAnswer(200, Attachment, 'With a fresh signed `url`')
  @ApiErrors(422)
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.attachments.get(principal, id);
  }

  @Get(':id/content')
  @ApiHeader({ name: 'Range', required: false, description: 'bytes=<first>-<last>: part of the file', schema: { type: 'string' } })
  @ApiResponse({ status: 200, description: 'The bytes, with Content-Type, Content-Length and Content-Disposition: attachment', content: { '*/*': { schema: { type: 'string', format: 'binary' } } } })
  @ApiResponse({ status: 206, description: 'The bytes of the Range asked for', content: { '*/*': { schema: { type: 'string', format: 'binary' } } } })
  @ApiResponse({ status: 302, description: 'Redirect to a signed URL that expires within 15 minutes', headers: { Location: { schema: { type: 'string', format: 'uri' } } } })
  @ApiErrors(416, 422)
  async content(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Headers('range') range: string | undefined, @Res() res: Response) {
    const download = await this.attachments.content(principal, id, range);
    if (download.kind === 'unsatisfiable') {
      res.setHeader('Content-Range', download.contentRange);
      throw new AppError(416, 'range_not_satisfiable', 'Range: the file has no bytes there; ask for a range inside it', { contentRange: download.contentRange });
    }
    res.status(download.status).set(download.headers);
    await pipeline(download.body, res).catch((error: unknown) => {
      // The client went away, or the store broke off mid-file: the response is cut short, nothing more to answer.
      getLogger().debug({ err: error, attachmentId: id }, 'a download ended early');
    });
  }
}
