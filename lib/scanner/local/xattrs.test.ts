// Decoding of the POSIX ACL and file capability xattrs: bytes as the kernel stores them (captured from setfacl and
// setcap on Debian) to the text getfacl and getcap print.
import { describe, expect, it } from "vitest";
import { decodeCapabilities, decodePosixAcl } from "./xattrs";

const hex = (h: string) => Uint8Array.from(Buffer.from(h, "hex"));

describe("decodePosixAcl", () => {
  it("reads named users and groups, the mask and the owner entries (setfacl -m u:1000:r,g:50:rwx)", () => {
    const acl = hex("0200000001000600ffffffff02000400e803000004000400ffffffff080007003200000010000700ffffffff20000400ffffffff");
    expect(decodePosixAcl(acl)).toBe("user::rw-,user:1000:r--,group::r--,group:50:rwx,mask::rwx,other::r--");
  });

  it("says when the bytes are not a version 2 ACL", () => {
    expect(decodePosixAcl(hex("01000000"))).toBe("unreadable ACL (4 bytes)");
  });
});

describe("decodeCapabilities", () => {
  it("prints a setuid capability as getcap does", () => {
    // setcap cap_setuid+ep: revision 2, effective flag, permitted bit 7.
    expect(decodeCapabilities(hex("0100000280000000000000000000000000000000"))).toBe("cap_setuid=ep");
  });

  it("groups capabilities by their flags", () => {
    // setcap 'cap_net_raw,cap_setuid+ep cap_sys_admin+ei'
    expect(decodeCapabilities(hex("0100000280200000000020000000000000000000"))).toBe("cap_setuid,cap_net_raw=ep cap_sys_admin=ei");
    // setcap cap_sys_admin+i: no effective flag
    expect(decodeCapabilities(hex("0000000200000000000020000000000000000000"))).toBe("cap_sys_admin=i");
  });

  it("names the root uid of a namespaced (revision 3) capability", () => {
    expect(decodeCapabilities(hex("010000038000000000000000000000000000000000e80300"))).toBe("cap_setuid=ep [rootid=256000]");
  });
});
