import { Injectable } from '@nestjs/common';
import { Types } from 'mongoose';
import type { IdGenerator } from '../../application/ports';

/** ObjectId hex strings: unique without coordination, and growing with time (notes are listed by id). */
@Injectable()
export class ObjectIdGenerator implements IdGenerator {
  next(): string {
    return new Types.ObjectId().toHexString();
  }
}
