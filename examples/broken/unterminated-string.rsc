# expect: routeros.unterminatedString
# The value of option 67 never closes its double quote: /import stops here.
/ip dhcp-server option
add code=67 name=boot-bios value="'lpxelinux.0'
