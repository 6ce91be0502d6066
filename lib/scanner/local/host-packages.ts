// The host's package database for attribution: dpkg's on Debian systems, else rpm's where rpm runs; null without either.
import { loadDpkgIndex, type PackageIndex } from "./packages";
import { loadRpmIndex } from "./rpm";

export function loadHostPackages(): PackageIndex | null {
  return loadDpkgIndex() ?? loadRpmIndex();
}
