/** Secure Boot along the chain: what the firmware, shim and GRUB accept of the files the machine fetches. */
import type { Env, HopBuilder } from './hops';
import type { Hop, Place } from './model';

/** The file the firmware loads first (the DHCP boot file). */
export function checkFirstStage(_b: HopBuilder, _env: Env, _hop: Hop, _path: string): void {}

/** shim's second stage (grubx64.efi). */
export function checkSecondStage(_b: HopBuilder, _env: Env, _hop: Hop, _path: string): void {}

/** A kernel GRUB boots under shim. */
export function checkKernel(_b: HopBuilder, _env: Env, _hop: Hop, _path: string, _at: Place): void {}
