/** The Nest module: the API controllers over the prebuilt ReviewerDeps. */
import { Module, type DynamicModule } from '@nestjs/common';
import { AuditHttpController } from '../api/audit.http.controller';
import { DeadLettersHttpController } from '../api/dead-letters.http.controller';
import { TargetsHttpController } from '../api/targets.http.controller';
import { ChangeRequestsHttpController } from '../change-requests/change-requests.http.controller';
import { DriftModule } from '../drift/drift.http.controller';
import { REVIEWER_DEPS, type ReviewerDeps } from './reviewer-deps';

@Module({})
export class DlqReviewerModule {
  static register(deps: ReviewerDeps): DynamicModule {
    return {
      module: DlqReviewerModule,
      controllers: [
        DeadLettersHttpController,
        AuditHttpController,
        TargetsHttpController,
        ChangeRequestsHttpController,
      ],
      imports: [DriftModule.register(deps.drift)],
      providers: [{ provide: REVIEWER_DEPS, useValue: deps }],
    };
  }
}
