import { IsBoolean, IsString, Length } from 'class-validator';
import { AppError } from '../errors/app-error';
import { NotBlank, Nullable, Optional } from './fields';
import { createValidationPipe } from './validation';

class RenameInput {
  @Optional() @IsString() @Length(1, 100) @NotBlank() name?: string;
  @Optional() @IsBoolean() active?: boolean;
  @Nullable() @IsString() note?: string | null;
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

  const refusal = (body: object) => pipe.transform(body, asBody).then(() => null, (error: AppError) => ({ status: error.status, message: error.message }));

  it('an optional field may be left out, and null is refused naming the field (not skipped as absent)', async () => {
    await expect(pipe.transform({}, asBody)).resolves.toEqual({});
    expect(await refusal({ active: null })).toEqual({ status: 400, message: 'active: active must be a boolean value' });
    expect(await refusal({ name: null })).toMatchObject({ status: 400, message: expect.stringMatching(/^name: /) });
  });

  it('a nullable field takes null (it clears the value)', async () => {
    await expect(pipe.transform({ note: null }, asBody)).resolves.toEqual({ note: null });
    expect(await refusal({ note: 5 })).toMatchObject({ status: 400, message: expect.stringMatching(/^note: /) });
  });

  it('a name of spaces, tabs or line breaks only is refused as blank', async () => {
    expect(await refusal({ name: ' \t\n' })).toEqual({ status: 400, message: 'name: name must not be blank' });
    await expect(pipe.transform({ name: ' Sales ' }, asBody)).resolves.toEqual({ name: ' Sales ' });
  });
});
