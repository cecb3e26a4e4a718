import { z } from 'zod';

export const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;
export const AVAILABILITY_ZONE = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}[a-z]$/;

export const regionSchema = z
  .string()
  .regex(REGION, { error: 'must be an AWS region code such as "us-east-1"' })
  .describe('AWS region code, e.g. us-east-1.');
