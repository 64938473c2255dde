import { IsOptional, IsString } from 'class-validator';
import { AppError } from '../errors/app-error';
import { createValidationPipe } from './validation';

class RenameInput {
  @IsOptional() @IsString() name?: string;
}

describe('request body validation', () => {
  const pipe = createValidationPipe();
  const asBody = { type: 'body' as const, metatype: RenameInput, data: '' };

  it('answers 400 naming the body when a DTO body is a JSON array, not an object', async () => {
    const refused = await pipe.transform([], asBody).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).status).toBe(400);
    expect((refused as AppError).message).toBe('body: must be a JSON object');
  });

  it('still takes a JSON object body', async () => {
    await expect(pipe.transform({ name: 'Sales' }, asBody)).resolves.toEqual({ name: 'Sales' });
  });
});
