"use client";

import { useRouter } from "next/navigation";
import {
  Avatar,
  Button,
  Menu,
  MenuDivider,
  MenuGroup,
  MenuGroupHeader,
  MenuItem,
  MenuItemRadio,
  MenuList,
  MenuPopover,
  MenuTrigger,
  makeStyles,
  Text,
} from "@fluentui/react-components";
import { BookRegular, KeyMultipleRegular, SignOutRegular } from "@fluentui/react-icons";
import { useThemeChoice } from "@/components/theme";
import { THEME_CHOICES, type ThemeChoice } from "@/components/theme-choice";
import { authClient } from "@/lib/client/auth-client";
import type { ShellUser } from "./portal-shell";

const useStyles = makeStyles({
  trigger: {
    color: "#fff",
    minWidth: 0,
    ":hover": { color: "#fff", background: "#3b3a39" },
    ":hover:active": { color: "#fff", background: "#484644" },
  },
  who: { display: "flex", flexDirection: "column", alignItems: "flex-end", lineHeight: "14px", marginRight: "8px" },
  email: { fontSize: "12px", color: "#fff" },
  tenant: { fontSize: "10px", color: "#c8c6c4", textTransform: "uppercase" },
});

const THEME_LABEL: Record<ThemeChoice, string> = { system: "Use system setting", light: "Light", dark: "Dark" };

export function UserMenu({ user }: { user: ShellUser }) {
  const s = useStyles();
  const router = useRouter();
  const theme = useThemeChoice();
  return (
    <Menu
      checkedValues={{ theme: [theme.choice] }}
      onCheckedValueChange={(_, d) => {
        if (d.name === "theme" && d.checkedItems[0]) theme.setChoice(d.checkedItems[0] as ThemeChoice);
      }}
    >
      <MenuTrigger disableButtonEnhancement>
        <Button appearance="transparent" className={s.trigger} aria-label={`Account: ${user.email}`}>
          <span className={s.who}>
            <Text className={s.email}>{user.email}</Text>
            <Text className={s.tenant}>{user.tenant}</Text>
          </span>
          <Avatar name={user.name} size={28} color="colorful" />
        </Button>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          <MenuItem icon={<KeyMultipleRegular />} onClick={() => router.push("/settings/tokens")}>
            API tokens
          </MenuItem>
          <MenuItem icon={<BookRegular />} onClick={() => router.push("/docs/api")}>
            API reference
          </MenuItem>
          <MenuDivider />
          <MenuGroup>
            <MenuGroupHeader>Theme</MenuGroupHeader>
            {THEME_CHOICES.map((c) => (
              <MenuItemRadio key={c} name="theme" value={c}>
                {THEME_LABEL[c]}
              </MenuItemRadio>
            ))}
          </MenuGroup>
          <MenuDivider />
          <MenuItem
            icon={<SignOutRegular />}
            onClick={async () => {
              await authClient.signOut();
              router.replace("/sign-in");
              router.refresh();
            }}
          >
            Sign out
          </MenuItem>
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
