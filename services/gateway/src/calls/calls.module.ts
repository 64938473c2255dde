import { Module } from '@nestjs/common';
import { CallFramesConsumer } from '../realtime/call-frames.consumer';
import { RealtimePublisher } from '../realtime/realtime.publisher';
import { CallLogsController } from './call-logs.controller';
import { CallsClient } from './calls.client';
import { CallsController } from './calls.controller';
import { RecordingStream } from './recording-stream';
import { WorkspaceSettingsController } from './workspace-settings.controller';

/**
 * API.md "Calls" in the gateway: a thin translation onto the calls service's gRPC contract, and the
 * realtime `call.updated` frames (each only to users who may see the contact's thread).
 */
@Module({
  controllers: [CallsController, CallLogsController, WorkspaceSettingsController],
  providers: [CallsClient, RecordingStream, RealtimePublisher, CallFramesConsumer],
})
export class CallsGatewayModule {}
