(function(){
  var sev=document.getElementById('f-sev'),kind=document.getElementById('f-kind'),file=document.getElementById('f-file'),
      wv=document.getElementById('f-waived'),sort=document.getElementById('f-sort'),count=document.getElementById('f-count');
  function items(){return Array.prototype.slice.call(document.querySelectorAll('.finding'));}
  function apply(){
    var n=0;
    items().forEach(function(el){
      var ok=(!sev.value||el.getAttribute('data-severity')===sev.value)&&(!kind.value||el.getAttribute('data-kind')===kind.value)
        &&(!file.value||el.getAttribute('data-file')===file.value)&&(wv.checked||el.getAttribute('data-waived')!=='1');
      el.classList.toggle('hidden',!ok); if(ok){n++;}
    });
    document.querySelectorAll('.doc').forEach(function(d){
      d.classList.toggle('hidden',!!file.value&&d.getAttribute('data-file')!==file.value);
    });
    count.textContent=String(n);
  }
  function key(el){
    var k=sort.value;
    if(k==='severity'){return [el.getAttribute('data-sevrank'),el.getAttribute('data-order')];}
    if(k==='code'){return [el.getAttribute('data-code'),el.getAttribute('data-order')];}
    if(k==='kind'){return [el.getAttribute('data-kind'),el.getAttribute('data-order')];}
    return [el.getAttribute('data-order')];
  }
  function cmp(a,b){for(var i=0;i<a.length;i++){if(a[i]<b[i])return -1;if(a[i]>b[i])return 1;}return 0;}
  function resort(){
    document.querySelectorAll('.findings').forEach(function(box){
      var els=Array.prototype.slice.call(box.querySelectorAll('.finding'));
      els.sort(function(a,b){return cmp(key(a),key(b));});
      els.forEach(function(el){box.appendChild(el);});
    });
  }
  [sev,kind,file,wv].forEach(function(x){x.addEventListener('change',apply);});
  sort.addEventListener('change',function(){resort();apply();});
  apply();
  // page images: each is stored once (data-src of its page holder) and put into a crop or the
  // whole-page view only when that comes into sight
  function load(svg){
    var holder=document.getElementById(svg.getAttribute('data-img'));
    var src=holder&&holder.getAttribute('data-src'),im=svg.querySelector('image');
    if(src&&im&&!im.getAttribute('href')){im.setAttribute('href',src);}
  }
  var views=document.querySelectorAll('svg[data-img]');
  if('IntersectionObserver' in window){
    var io=new IntersectionObserver(function(es){es.forEach(function(en){
      if(en.isIntersecting){load(en.target);io.unobserve(en.target);}});},{rootMargin:'800px 0px'});
    views.forEach(function(s){io.observe(s);});
  }else{views.forEach(load);}
})();
