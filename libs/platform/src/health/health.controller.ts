import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { dependencyUnavailable } from '../errors/app-error';
import { Public } from '../http/public';
import { checkReadiness, DependencyCheck } from './health';

export const DEPENDENCY_CHECKS = Symbol('DEPENDENCY_CHECKS');

/** `/health/live`: the process is up. `/health/ready`: every engine the service needs answers. */
@Public()
@ApiExcludeController()
@Controller('health')
export class HealthController {
  constructor(@Inject(DEPENDENCY_CHECKS) private readonly checks: DependencyCheck[]) {}

  @Get('live')
  live() {
    return { status: 'live' };
  }

  @Get('ready')
  async ready(@Res() res: Response) {
    const report = await checkReadiness(this.checks);
    if (report.ready) {
      res.status(200).json({ status: 'ready', checks: report.checks });
      return;
    }
    const error = dependencyUnavailable(report.down.join(', '), { checks: report.checks, down: report.down });
    res.status(503).json(error.toBody());
  }
}
