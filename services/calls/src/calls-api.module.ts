import { Module } from '@nestjs/common';
import { AnswerCall } from './application/answer-call';
import { CallLogFinder } from './application/call-log-finder';
import { DeclineCall } from './application/decline-call';
import { EndCall } from './application/end-call';
import { GetCall } from './application/get-call';
import { GetSettings } from './application/get-settings';
import { GetTranscript } from './application/get-transcript';
import { ListActivity } from './application/list-activity';
import { ListCalls } from './application/list-calls';
import { ListViewCalls } from './application/list-view-calls';
import { PlaceCall } from './application/place-call';
import { ReadRecording } from './application/read-recording';
import { RequestPermission } from './application/request-permission';
import { SetRecording } from './application/set-recording';
import { UpdateSettings } from './application/update-settings';
import { CallsGrpcController } from './adapters/grpc/calls.controller';
import { CallsCoreModule } from './calls-core.module';

/** What the gateway asks for (the `Calls` gRPC contract): lists, calls, agents' actions, recordings, activity, settings. */
@Module({
  imports: [CallsCoreModule],
  controllers: [CallsGrpcController],
  providers: [
    CallLogFinder,
    ListCalls,
    ListViewCalls,
    GetCall,
    PlaceCall,
    RequestPermission,
    AnswerCall,
    DeclineCall,
    SetRecording,
    EndCall,
    ReadRecording,
    GetTranscript,
    ListActivity,
    GetSettings,
    UpdateSettings,
  ],
})
export class CallsApiModule {}
