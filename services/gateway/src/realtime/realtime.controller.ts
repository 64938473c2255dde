import { Controller, Get, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AppError } from '@omnibox/platform';
import type { Response } from 'express';
import { FRAME_TYPES } from './realtime.messages';
import { RealtimeFrame } from './realtime.schemas';
import { ApiErrors, errorResponse } from '../openapi/responses';

/**
 * `GET /v1/realtime` is a WebSocket: RealtimeHub takes the upgrade before Express sees it. A plain HTTP
 * GET lands here and is told how to connect (426 with `Upgrade: websocket`), rather than a 404 for a
 * path the API documents.
 */
@ApiTags('realtime')
@ApiBearerAuth()
@Controller('v1/realtime')
export class RealtimeController {
  @Get()
  @ApiOperation({
    summary: 'Realtime frames over a WebSocket',
    description:
      'Upgrades to a WebSocket (`Connection: Upgrade`, `Upgrade: websocket`; the token in `Authorization` or `?token=`). ' +
      `The server pushes JSON text frames \`{type, data, seq?, id, occurredAt?, publishedAt?}\` (schema \`RealtimeFrame\`) of these types: ${FRAME_TYPES.join(', ')}; ` +
      'each only to users who may see the thread (VIS-4), notification frames to their user only. A `resync` frame says frames missed since `after` are gone: read the lists again.',
  })
  @ApiExtension('x-websocket-frames', RealtimeFrame)
  @ApiQuery({ name: 'token', required: false, description: 'the bearer token, for clients that cannot set headers on a WebSocket', schema: { type: 'string' } })
  @ApiQuery({ name: 'after', required: false, description: 'the `seq` of the last frame received, to get what was missed first', schema: { type: 'string', pattern: '^\\d{1,16}-\\d{1,10}$' } })
  @ApiResponse({ status: 101, description: 'Switching Protocols: the socket is open and frames follow' })
  @ApiResponse({ status: 426, ...errorResponse(426), headers: { Upgrade: { schema: { type: 'string', enum: ['websocket'] } } } })
  @ApiErrors(401)
  upgradeRequired(@Res() response: Response): never {
    response.setHeader('Upgrade', 'websocket');
    throw new AppError(426, 'upgrade_required', 'GET /v1/realtime is a WebSocket: connect with `Connection: Upgrade` and `Upgrade: websocket`');
  }
}
