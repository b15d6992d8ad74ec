# PXE DHCP settings for the six-node cluster (RouterOS 7).
# The NAS (192.168.255.2) serves TFTP and HTTP. Control-plane nodes chain iPXE, workers boot PXELINUX;
# each node's lease, option set and host name are generated from the node table in pxe-site.json.
/ip pool
add name=lab-pool ranges=192.168.255.100-192.168.255.199
/ip dhcp-server option
add code=66 name=tftp-server value="'192.168.255.2'"
add code=67 name=boot-bios value="'lpxelinux.0'"
add code=67 name=boot-uefi value="'syslinux.efi'"
add code=67 name=boot-ipxe-bios value="'undionly.kpxe'"
add code=67 name=boot-ipxe-uefi value="'ipxe.efi'"
/ip dhcp-server option sets
add name=pxe-bios options=tftp-server,boot-bios
add name=pxe-uefi options=tftp-server,boot-uefi
/ip dhcp-server
add address-pool=lab-pool interface=bridge name=lab-dhcp
/ip dhcp-server matcher
add code=93 name=uefi-x64 option-set=pxe-uefi server=lab-dhcp value=0x0007
/ip dhcp-server network
add address=192.168.255.0/24 gateway=192.168.255.1 dns-server=192.168.255.1 next-server=192.168.255.2 dhcp-option-set=pxe-bios

# >>> PXE Workbench nodes: generated from the node table in pxe-site.json (edit that, then PXE: Generate Node Files) >>>
/ip dhcp-server option
add code=17 name=nodes-root-path value="'http://192.168.255.2/tftp/nodes/boot.ipxe'"
add code=12 name=hostname-cp1 value="s'cp1'"
add code=12 name=hostname-cp2 value="s'cp2'"
add code=12 name=hostname-cp3 value="s'cp3'"
add code=12 name=hostname-w1 value="s'w1'"
add code=12 name=hostname-w2 value="s'w2'"
add code=12 name=hostname-w3 value="s'w3'"
/ip dhcp-server option sets
add name=node-cp1 options=tftp-server,boot-ipxe-uefi,nodes-root-path,hostname-cp1
add name=node-cp2 options=tftp-server,boot-ipxe-uefi,nodes-root-path,hostname-cp2
add name=node-cp3 options=tftp-server,boot-ipxe-uefi,nodes-root-path,hostname-cp3
add name=node-w1 options=tftp-server,boot-bios,hostname-w1
add name=node-w2 options=tftp-server,boot-bios,hostname-w2
add name=node-w3 options=tftp-server,boot-bios,hostname-w3
/ip dhcp-server lease
add address=192.168.255.61 mac-address=52:54:00:00:01:01 dhcp-option-set=node-cp1 server=lab-dhcp comment="cp1 (control)"
add address=192.168.255.62 mac-address=52:54:00:00:01:02 dhcp-option-set=node-cp2 server=lab-dhcp comment="cp2 (control)"
add address=192.168.255.63 mac-address=52:54:00:00:01:03 dhcp-option-set=node-cp3 server=lab-dhcp comment="cp3 (control)"
add address=192.168.255.71 mac-address=52:54:00:00:02:01 dhcp-option-set=node-w1 server=lab-dhcp comment="w1 (worker)"
add address=192.168.255.72 mac-address=52:54:00:00:02:02 dhcp-option-set=node-w2 server=lab-dhcp comment="w2 (worker)"
add address=192.168.255.73 mac-address=52:54:00:00:02:03 dhcp-option-set=node-w3 server=lab-dhcp comment="w3 (worker)"
# <<< PXE Workbench nodes <<<
