# PXE boot for BIOS and UEFI clients from a RouterOS 7 router (TFTP on the router itself).
# Authored by PXE Workbench for its test corpus (MIT).
/ip/pool/add name=pxe-pool ranges=192.168.88.100-192.168.88.199
/ip/dhcp-server/add name=pxe-dhcp interface=bridge address-pool=pxe-pool lease-time=1h
/ip/dhcp-server/network/add address=192.168.88.0/24 gateway=192.168.88.1 dns-server=192.168.88.1 next-server=192.168.88.1 boot-file-name=pxelinux.0

# Option 66 (TFTP server, as text) and 67 (boot file): text inside '…' within the double quotes.
/ip/dhcp-server/option
add code=66 name=tftp-server value="s'192.168.88.1'"
add code=67 name=boot-bios value="'pxelinux.0'"
add code=67 name=boot-uefi value="'grubx64.efi'"

/ip/dhcp-server/option/sets
add name=pxe-bios options=tftp-server,boot-bios
add name=pxe-uefi options=tftp-server,boot-uefi

# UEFI machines get their own boot file.
/ip/dhcp-server/lease
add address=192.168.88.50 mac-address=52:54:00:12:34:56 server=pxe-dhcp dhcp-option-set=pxe-uefi comment="uefi-node1"
add address=192.168.88.51 mac-address=52:54:00:12:34:57 server=pxe-dhcp dhcp-option-set=pxe-bios comment="bios-node2"

/ip/tftp/add req-filename="pxelinux.0" real-filename="tftp/pxelinux.0" allow=yes read-only=yes
/ip/tftp/add req-filename="grubx64.efi" real-filename="tftp/grubx64.efi" allow=yes read-only=yes
