/system leds settings set all-leds-off=immediate;
/log info ("NIGHT LED MODE ACTIVATED")
