# expect: routeros.dhcpOptionValue
# The boot file name lost its closing single quote: RouterOS refuses the option value.
/ip dhcp-server option
add code=67 name=boot-bios value="'lpxelinux.0"
